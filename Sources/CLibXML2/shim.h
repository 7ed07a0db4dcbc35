#ifndef WAYMARK_CLIBXML2_SHIM_H
#define WAYMARK_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* libxml2's ICU support pulls in system ICU headers that clash with Foundation's copy. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

/* xmlFree is a global function pointer, which Swift 6 rejects as shared mutable state. */
static inline void waymark_xml_free(void *pointer) { xmlFree(pointer); }

/* An entity loader that loads nothing: no file or network access, whatever a document asks. */
static inline xmlParserInputPtr waymark_refuse_entity(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
    (void)url; (void)id; (void)ctxt;
    return NULL;
}
static inline void waymark_install_refusing_entity_loader(void) { xmlSetExternalEntityLoader(waymark_refuse_entity); }

/* Silences libxml2's default printing of errors to stderr; errors are read from the context. */
static inline void waymark_ignore_generic_error(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
static inline void waymark_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, waymark_ignore_generic_error);
    xmlSetStructuredErrorFunc(NULL, NULL);
}
#endif

internal import HTTPTypes
internal import Hummingbird
import WaymarkCore
import WaymarkWalkthrough

/// `/walks/{id}`: the guided step page.
extension WebApp {
    func walkPage(
        _ walk: LoadedWalk, _ request: Request, _ context: WebContext, notes: [String],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let t = strings(request, context)
        // The step is in the walk's language; the page's own controls are in the operator's.
        let view = walk.view(configuration.strings)
        let token = context.signedIn?.session.formToken ?? ""
        let base = "/walks/\(urlEncoded(view.session))"
        func button(_ command: String, _ label: String, id: String? = nil, kind: String = "", focus: Bool = false)
            -> String
        {
            """
            <form method="post" action="\(base)/\(command)">\(csrfField(token))<button type="submit"\(focus ? " autofocus" : "")\(id.map { " id=\"\($0)\"" } ?? "")\(kind.isEmpty ? "" : " class=\"\(kind)\"")>\(esc(label))</button></form>
            """
        }
        var body = "<h1>\(esc(view.customer)) — <span lang=\"\(esc(view.locale))\">\(esc(view.title))</span></h1>\n"
        body += """
            <div class="progress"><label for="walk-progress">\(esc(t(.walkProgress, ["index": .int(view.progress.index), "total": .int(view.progress.total)])))</label>
            <progress id="walk-progress" max="\(view.progress.total)" value="\(view.finished ? view.progress.total : view.progress.done)"></progress>
            <span>\(esc(WebLocales.name(of: view.locale)))</span></div>

            """
        if let notice = view.machineTranslation {
            body += "<p class=\"notice\" lang=\"\(esc(view.locale))\">\(esc(notice))</p>\n"
        }
        if !notes.isEmpty {
            body +=
                "<div class=\"blocked\" role=\"alert\" tabindex=\"-1\" data-focus>"
                + notes.map { "<p>\(esc($0))</p>" }.joined() + "</div>\n"
        }
        if view.finished {
            body += "<section class=\"step\" aria-labelledby=\"summary-title\" lang=\"\(esc(view.locale))\">"
            body += "<h2 id=\"summary-title\" class=\"done\">\(esc(view.summaryTitle ?? ""))</h2><ul>"
            body += view.summary.map { "<li>\(esc($0))</li>" }.joined() + "</ul></section>\n"
            body +=
                "<p><a href=\"/customers/\(urlEncoded(view.customerID))\">\(esc(t(.walkBackToCustomer, ["customer": .string(view.customer)])))</a></p>"
            return page(request, context, title: view.title, body: body, status: status, path: base)
        }
        let compare = view.original != nil || !view.originalPrerequisites.isEmpty
        body += "<div class=\"compare\(compare ? " two" : "")\">\n"
        body += "<section class=\"step\" aria-labelledby=\"step-title\" lang=\"\(esc(view.locale))\">\n"
        if view.stepKind == "prerequisites" {
            body += "<h2 id=\"step-title\">\(esc(t(.walkPrerequisites)))\(view.stepDone ? done(t) : "")</h2>\n"
            body += view.prerequisites.map { "<p>\(esc($0))</p>" }.joined(separator: "\n")
        } else {
            body +=
                "<h2 id=\"step-title\">\(esc(t(.walkStepHeading, ["number": .string(view.stepNumber ?? "")])))\(view.stepDone ? done(t) : "")</h2>\n"
            if let step = view.step { body += stepHTML(step) }
        }
        if let item = view.item { body += "<p class=\"item\">\(esc(item.label))</p>\n" }
        if let loop = view.loopCount { body += "<p class=\"notice\">\(esc(loop))</p>\n" }
        body += "</section>\n"
        if compare {
            body += "<section class=\"step original\" aria-labelledby=\"original-title\" lang=\"en-US\">\n"
            body += "<h2 id=\"original-title\">\(esc(t(.walkOriginalHeading)))</h2>\n"
            if let original = view.original { body += stepHTML(original) }
            body += view.originalPrerequisites.map { "<p>\(esc($0))</p>" }.joined(separator: "\n")
            body += "</section>\n"
        }
        body += "</div>\n"
        if !view.blocked.isEmpty {
            body +=
                "<div class=\"blocked\" role=\"alert\" lang=\"\(esc(view.locale))\"><h2>\(esc(t(.walkBlocked)))</h2><ul>"
            body += view.blocked.map { "<li>\(esc($0.reason))</li>" }.joined() + "</ul></div>\n"
        }
        for warning in view.warnings {
            body += "<p class=\"warning-line\" lang=\"\(esc(view.locale))\">\(esc(warning))</p>\n"
        }
        if let will = view.willDo, !view.awaitingConfirmation {
            body += "<p class=\"will\" lang=\"\(esc(view.locale))\">\(esc(will))</p>\n"
        }
        if view.awaitingConfirmation {
            body += "<section class=\"confirm\" aria-labelledby=\"confirm-title\" lang=\"\(esc(view.locale))\">\n"
            body += "<h2 id=\"confirm-title\">\(esc(view.confirmationTitle ?? ""))</h2>\n"
            if !view.consequences.isEmpty {
                body += "<ul>" + view.consequences.map { "<li>\(esc($0))</li>" }.joined() + "</ul>\n"
            }
            body += """
                <form method="post" action="\(base)/confirm">\(csrfField(token))
                <p class="check"><input type="checkbox" id="understood" name="understood" value="yes" required autofocus>
                <label for="understood" lang="\(esc(t.locale))">\(esc(t(.walkConfirmCheck)))</label></p>
                <button type="submit" class="danger" id="walk-confirm">\(esc(t(.walkConfirm)))</button>
                </form>
                </section>

                """
        }
        if let (step, reasons) = view.aheadBlocked {
            body +=
                "<div class=\"notice\" lang=\"\(esc(view.locale))\"><p>\(esc(t.raw(WalkText.aheadBlocked.rawValue, ["step": .string(step)])))</p><ul>"
            body += reasons.map { "<li>\(esc($0.reason))</li>" }.joined() + "</ul></div>\n"
        }
        body += "<nav class=\"controls\" aria-label=\"\(esc(t(.walkControls)))\">\n"
        body += button("back", t(.walkBack), id: "walk-back")
        if view.awaitingConfirmation {
            body += button("cancel", t(.walkCancel), id: "walk-cancel")
        } else {
            body += button("next", t(.walkNext), id: "walk-next", kind: "primary", focus: true)
        }
        body += button("source", view.showSource ? t(.walkHideOriginal) : t(.walkShowOriginal), id: "walk-source")
        let options = view.locales.map {
            "<option value=\"\(esc($0))\" lang=\"\(esc($0))\"\($0 == view.locale ? " selected" : "")>\(esc(WebLocales.name(of: $0)))</option>"
        }.joined()
        body += """
            <form method="post" action="\(base)/locale" class="inline">\(csrfField(token))
            <label for="walk-locale">\(esc(t(.language)))</label>
            <select id="walk-locale" name="locale">\(options)</select>
            <button type="submit" id="walk-locale-apply">\(esc(t(.languageApply)))</button></form>
            </nav>
            <p class="keys">\(esc(t(.walkKeys)))</p>
            <p><a href="/customers/\(urlEncoded(view.customerID))">\(esc(t(.walkBackToCustomer, ["customer": .string(view.customer)])))</a></p>
            """
        return page(request, context, title: view.title, body: body, status: status, path: base)
    }

    func done(_ t: WebStrings) -> String { " <span class=\"done\">✓ \(esc(t(.walkStepDone)))</span>" }

    /// A step's text with UI labels highlighted and its alerts as callouts.
    func stepHTML(_ step: WalkView.StepText) -> String {
        var html = "<p>" + runsHTML(step.runs) + "</p>\n"
        for alert in step.alerts {
            html +=
                "<aside class=\"callout \(esc(alert.kind))\" aria-label=\"\(esc(alert.label))\"><p class=\"callout-label\">\(esc(alert.label))</p><p>\(runsHTML(alert.runs))</p></aside>\n"
        }
        return html
    }

    func runsHTML(_ runs: [WalkView.Run]) -> String {
        runs.map { run in
            switch run.kind {
            case "label": "<strong class=\"ui-label\">\(esc(run.text))</strong>"
            case "code": "<code>\(esc(run.text))</code>"
            case "link":
                if let target = run.target, target.hasPrefix("https://") {
                    "<a href=\"\(esc(target))\" rel=\"noopener noreferrer\">\(esc(run.text))</a>"
                } else {
                    "<span class=\"link\">\(esc(run.text))</span>"
                }
            default: esc(run.text)
            }
        }.joined()
    }
}

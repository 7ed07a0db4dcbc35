/// The style sheet and the one script, served from `/static/` (the Content-Security-Policy allows
/// no inline script or style). The pages work without the script: it only adds the arrow keys on
/// the step page and focus on the first field with an error.
enum Assets {
    static let css = """
        :root { --ink: #1b1b1b; --muted: #4a4a4a; --paper: #ffffff; --line: #8a8a8a; --accent: #0b57a4;
          --label: #fff1b8; --block: #a4161a; --block-bg: #fdecea; --good: #1e6b2f; --good-bg: #e8f5e9;
          --note: #0b57a4; --note-bg: #e8f0fb; --warn: #8a4b00; --warn-bg: #fff4e0; }
        * { box-sizing: border-box; }
        html { font-size: 100%; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5;
          color: var(--ink); background: var(--paper); }
        a { color: var(--accent); }
        .skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
        .skip:focus { left: .5rem; }
        :focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
        header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .75rem 1rem;
          border-bottom: 1px solid var(--line); }
        header.top .brand { font-weight: 700; margin: 0; }
        header.top nav ul { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; margin: 0; padding: 0; }
        header.top .who { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; margin-left: auto; }
        header.top .who p { margin: 0; color: var(--muted); }
        form.inline { display: inline-flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: 0; }
        main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
        main:focus { outline: none; }
        h1 { font-size: 1.5rem; line-height: 1.3; margin: .5rem 0 1rem; }
        h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
        label { font-weight: 600; }
        input[type=text], input[type=password], input[type=search], select {
          font: inherit; padding: .5rem .6rem; border: 1px solid var(--line); border-radius: 4px; min-height: 2.75rem;
          max-width: 100%; }
        button { font: inherit; min-height: 2.75rem; padding: .5rem 1rem; border-radius: 4px; cursor: pointer;
          border: 1px solid var(--accent); background: var(--paper); color: var(--accent); }
        button.primary { background: var(--accent); color: #fff; }
        button.danger { background: var(--block); border-color: var(--block); color: #fff; }
        .field { display: flex; flex-direction: column; gap: .25rem; margin: 0 0 1rem; max-width: 24rem; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #d0d0d0; vertical-align: top; }
        .problem { color: var(--block); background: var(--block-bg); padding: .75rem 1rem; border-radius: 4px; }
        .progress { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; color: var(--muted); }
        .progress progress { width: 12rem; max-width: 100%; height: 1rem; }
        .notice { color: var(--muted); font-style: italic; }
        .step { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; }
        .step h2 { margin-top: 0; }
        .step p { margin: .25rem 0 .75rem; font-size: 1.1rem; }
        .ui-label { font-weight: 700; background: var(--label); padding: 0 .2em; border-radius: 3px; }
        code { background: #f0f0f0; padding: 0 .2em; border-radius: 3px; }
        .done { color: var(--good); font-weight: 600; }
        .compare { display: grid; grid-template-columns: 1fr; gap: 1rem; }
        @media (min-width: 48rem) { .compare.two { grid-template-columns: 1fr 1fr; } }
        .callout { border-left: 4px solid var(--note); background: var(--note-bg); padding: .5rem .75rem;
          margin: .75rem 0; border-radius: 0 4px 4px 0; }
        .callout .callout-label { font-weight: 700; margin: 0 0 .25rem; font-size: 1rem; }
        .callout.warning, .callout.caution { border-color: var(--block); background: var(--block-bg); }
        .callout.important { border-color: var(--warn); background: var(--warn-bg); }
        .callout.tip { border-color: var(--good); background: var(--good-bg); }
        .item { font-weight: 600; }
        .blocked { border: 2px solid var(--block); background: var(--block-bg); color: var(--block); padding: .75rem 1rem;
          border-radius: 6px; margin: 1rem 0; }
        .blocked h2, .blocked h3 { margin: 0 0 .25rem; font-size: 1.05rem; }
        .will { color: var(--good); font-weight: 600; }
        .warning-line { color: var(--warn); }
        .confirm { border: 2px solid var(--block); padding: 1rem; border-radius: 6px; margin: 1rem 0; }
        .confirm h2 { margin-top: 0; color: var(--block); }
        .check { display: flex; gap: .5rem; align-items: flex-start; margin: .75rem 0; }
        .check input { width: 1.4rem; height: 1.4rem; margin-top: .15rem; }
        .controls { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin: 1.25rem 0; }
        .controls form { margin: 0; }
        .keys { color: var(--muted); font-size: .9rem; }
        .results { list-style: none; padding: 0; }
        .results > li { border-bottom: 1px solid #d0d0d0; padding: .75rem 0; }
        .results .snippet { color: var(--muted); margin: .25rem 0; }
        .start { display: flex; flex-wrap: wrap; gap: .5rem; align-items: flex-end; }
        .start .field { margin: 0; }
        @media (max-width: 30rem) { header.top .who { margin-left: 0; } .controls button { flex: 1 1 auto; } }
        """

    static let js = """
        // Progressive enhancement: arrow keys on the step page, focus on the first problem.
        (function () {
          "use strict";
          document.addEventListener("keydown", function (event) {
            if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
            var target = event.target;
            var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
            if (tag === "input" || tag === "select" || tag === "textarea") { return; }
            var id = event.key === "ArrowRight" ? "walk-next" : event.key === "ArrowLeft" ? "walk-back" : null;
            if (!id) { return; }
            var button = document.getElementById(id);
            if (button && !button.disabled) { event.preventDefault(); button.click(); }
          });
          document.addEventListener("DOMContentLoaded", function () {
            var problem = document.querySelector("[data-focus]");
            if (problem) { problem.focus(); }
          });
        })();
        """
}

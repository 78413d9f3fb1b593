// The reference page's stylesheet, inlined so the page works offline and under a strict CSP.
export const DOCS_STYLE = `
:root { --fg: #1d232a; --muted: #5c6670; --line: #dde2e7; --bg: #f7f8fa; --accent: #1f5fbf; }
* { box-sizing: border-box; }
body { margin: 0; display: grid; grid-template-columns: 320px 1fr; font: 15px/1.5 system-ui, sans-serif; color: var(--fg); }
nav { position: sticky; top: 0; height: 100vh; overflow-y: auto; padding: 16px; background: var(--bg); border-right: 1px solid var(--line); font-size: 13px; }
nav .title { font-weight: 700; font-size: 16px; margin: 0 0 4px; }
nav .title span { color: var(--muted); font-weight: 400; }
nav h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; margin: 16px 0 4px; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav li a { display: block; padding: 2px 0; color: var(--fg); text-decoration: none; word-break: break-all; }
nav li a:hover { color: var(--accent); }
main { padding: 24px 40px; max-width: 1100px; }
a { color: var(--accent); }
h1 { margin-top: 0; }
section > h2 { border-bottom: 2px solid var(--line); padding-bottom: 4px; margin-top: 40px; }
article { border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 16px 0; }
article h3 { margin: 0 0 4px; font-size: 16px; }
h4 { margin: 12px 0 4px; font-size: 13px; text-transform: uppercase; color: var(--muted); }
.m { display: inline-block; min-width: 52px; text-align: center; border-radius: 4px; color: #fff; font: 700 11px/18px monospace; }
.m.get { background: #2b7a3d; } .m.post { background: #1f5fbf; } .m.put { background: #a56a00; } .m.patch { background: #7a4fb5; } .m.delete { background: #b3261e; }
.summary { font-weight: 600; margin: 4px 0; }
.roles, .limits, small { color: var(--muted); font-size: 13px; }
.req { color: #b3261e; font-size: 12px; }
code { font: 13px monospace; background: var(--bg); padding: 0 3px; border-radius: 3px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: 4px 8px 4px 0; vertical-align: top; }
ul.fields { margin: 2px 0; padding-left: 18px; }
ul.responses { padding-left: 18px; }
.type { margin: 2px 0; }
.status { font: 700 13px monospace; }
.status.s2 { color: #2b7a3d; } .status.s4, .status.s5 { color: #b3261e; }
@media (max-width: 800px) { body { display: block; } nav { position: static; height: auto; } main { padding: 16px; } }
`;

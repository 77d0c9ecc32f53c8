/** Lives in the shadow root, so nothing leaks to or from the host page; applied as a constructed sheet (no inline <style>, CSP-safe). */
export const launcherCss = `
:host { all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; font: 15px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2433; }
.launcher { width: 56px; height: 56px; border-radius: 50%; border: 0; background: var(--baton-accent, #1f4fbf); color: var(--baton-on-accent, #fff); font-size: 26px; cursor: pointer; box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.launcher svg { width: 28px; height: 28px; vertical-align: middle; }
.launcher:focus-visible { outline: 3px solid #f5b400; outline-offset: 2px; }
`;

/** The day selector and its times, the same in the chat and on the manage page. */
export const pickerCss = `
.slots { display: flex; flex-direction: column; gap: 8px; }
.slots .zone { margin: 0; color: #4a4a4a; font-size: 0.85em; }
.days { display: flex; gap: 6px; overflow-x: auto; padding: 2px 2px 6px; scrollbar-width: thin; }
.choice.day { flex: 0 0 auto; display: flex; flex-direction: column; align-items: center; min-width: 58px; border-radius: 10px; padding: 6px 8px; line-height: 1.2; }
.choice.day span { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.03em; }
.choice.day[aria-pressed='true'] { background: var(--baton-accent, #1f4fbf); color: var(--baton-on-accent, #fff); }
.slots.done .days { flex-wrap: wrap; overflow: visible; }
.times { display: grid; grid-template-columns: repeat(auto-fill, minmax(92px, 1fr)); gap: 6px; }
.choice.slot { border-radius: 8px; text-align: center; white-space: nowrap; padding: 6px 4px; }
`;

export const chatCss = `
.panel { position: absolute; right: 0; bottom: 68px; width: min(370px, calc(100vw - 40px)); height: min(560px, calc(100vh - 110px)); display: flex; flex-direction: column; background: #fff; border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.25); overflow: hidden; }
.panel[hidden] { display: none; }
.header { display: flex; align-items: center; justify-content: space-between; padding: 12px 14px; background: var(--baton-accent, #1f4fbf); color: var(--baton-on-accent, #fff); }
.header { gap: 10px; }
.header h2 { margin: 0; font-size: 16px; }
.brand { flex: 1; min-width: 0; }
.greeting { margin: 2px 0 0; font-size: 13px; }
.greeting:empty { display: none; }
.avatar { flex: 0 0 auto; border-radius: 50%; background: #fff; }
.close { background: transparent; border: 0; color: #fff; font-size: 22px; cursor: pointer; line-height: 1; padding: 4px 8px; }
.close:focus-visible, .send:focus-visible, .input:focus-visible { outline: 3px solid #f5b400; outline-offset: 1px; }
.log { flex: 1; margin: 0; padding: 12px; list-style: none; overflow-y: auto; display: flex; flex-direction: column; gap: 8px; }
.message { max-width: 85%; padding: 8px 12px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.message.bot { align-self: flex-start; background: #eef1f7; }
.message.visitor { align-self: flex-end; background: var(--baton-accent, #1f4fbf); color: var(--baton-on-accent, #fff); }
.message.pending::after { content: ' …'; }
.status { min-height: 1.2em; margin: 0 12px; font-size: 13px; color: #a01b13; }
.composer { display: flex; gap: 8px; padding: 10px; border-top: 1px solid #dde2ea; }
.choices { align-self: flex-start; display: flex; flex-wrap: wrap; gap: 6px; max-width: 100%; }
.picker { align-self: stretch; max-width: 100%; padding: 0; }
/* More days than fit scroll sideways: the row's end fades, so a visitor sees there is more than the days in view. */
.picker .slots:not(.done) .days { padding-right: 28px; mask-image: linear-gradient(to right, #000 calc(100% - 28px), transparent); }
.choice { padding: 6px 10px; border: 1px solid var(--baton-accent, #1f4fbf); border-radius: 16px; background: #fff; color: var(--baton-accent, #1f4fbf); font: inherit; cursor: pointer; }
.choice:hover { background: #eef1f7; }
.choice:disabled { opacity: 0.5; cursor: default; background: #fff; }
${pickerCss}
.choice:focus-visible, .message a:focus-visible { outline: 3px solid #f5b400; outline-offset: 1px; }
.rep { align-self: flex-start; display: flex; align-items: center; gap: 8px; }
.rep img { border-radius: 50%; }
.rep span { color: #4a5468; font-size: 13px; }
.booking { align-self: stretch; }
.book { display: flex; flex-direction: column; gap: 6px; background: #eef1f7; padding: 10px; border-radius: 12px; }
.book p { margin: 0; font-weight: 600; }
.message a { color: inherit; font-weight: 600; }
.consent { align-self: stretch; background: #fff8e1; }
.consent .refuse { margin: 6px 0 0 8px; padding: 8px 14px; border: 1px solid #8a94a6; border-radius: 8px; background: #fff; color: #1d2433; font: inherit; cursor: pointer; }
.consent .refuse:focus-visible { outline: 3px solid #f5b400; outline-offset: 1px; }
.message.confirmation { background: #e6f4ea; }
.composer label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.input { flex: 1; padding: 8px 10px; border: 1px solid #8a94a6; border-radius: 8px; font: inherit; }
.send { padding: 8px 14px; border: 0; border-radius: 8px; background: var(--baton-accent, #1f4fbf); color: var(--baton-on-accent, #fff); font: inherit; cursor: pointer; }
.send:disabled { background: #6b7a99; }
@media (max-width: 480px) { :host { right: 12px; bottom: 12px; } .panel { width: calc(100vw - 24px); height: calc(100vh - 96px); } }
`;

/** The manage page: the widget's look on a page of its own. */
export const manageCss = `
body { margin: 0; background: #f3f5f9; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2433; }
main.manage { max-width: 40rem; margin: 2rem auto; padding: 0 12px; }
.card { background: #fff; border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.12); padding: 20px 22px; display: flex; flex-direction: column; gap: 12px; }
.host { margin: -20px -22px 0; padding: 12px 22px; border-radius: 12px 12px 0 0; background: var(--baton-accent, #1f4fbf); color: #fff; display: flex; align-items: center; gap: 10px; font-weight: 600; }
.host img { border-radius: 50%; background: #fff; }
.card h1 { margin: 0; font-size: 1.4rem; }
.card h2 { margin: 8px 0 4px; font-size: 1.05rem; }
.when { margin: 0; display: flex; flex-direction: column; padding: 10px 12px; border-radius: 10px; background: #eef1f7; }
.when.canceled strong { text-decoration: line-through; }
.status { margin: 0; min-height: 1.2em; font-weight: 600; }
.status:empty { display: none; }
.move { display: flex; flex-direction: column; gap: 6px; }
.move .days { flex-wrap: wrap; }
.choice { padding: 6px 10px; border: 1px solid var(--baton-accent, #1f4fbf); border-radius: 16px; background: #fff; color: var(--baton-accent, #1f4fbf); font: inherit; cursor: pointer; }
.choice:hover { background: #eef1f7; }
.choice:disabled { opacity: 0.5; cursor: default; }
button:focus-visible, textarea:focus-visible { outline: 3px solid #f5b400; outline-offset: 1px; }
.secondary, .danger { align-self: flex-start; padding: 8px 14px; border-radius: 8px; font: inherit; cursor: pointer; }
.secondary { border: 1px solid #8a94a6; background: #fff; color: #1d2433; }
.danger { border: 0; background: #b3261e; color: #fff; }
.confirm { display: flex; flex-direction: column; gap: 6px; padding: 12px; border-radius: 10px; background: #fff4f2; }
.confirm p { margin: 0; }
.confirm textarea { font: inherit; padding: 8px; border: 1px solid #8a94a6; border-radius: 8px; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; }
`;

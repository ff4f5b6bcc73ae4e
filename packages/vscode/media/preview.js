// The capacity preview's only script (loaded with the page's nonce). The extension renders every
// body itself, escaping all model text; this swaps it in and keeps the webview's state so that
// VS Code can restore the panel after a window reload.
(function () {
    // eslint-disable-next-line no-undef
    const vscode = acquireVsCodeApi();
    const root = document.getElementById('cap-preview');
    const saved = vscode.getState() || {};
    const state = { documentUri: document.body.dataset.documentUri, showTables: saved.showTables === true };
    vscode.setState(state);

    function wireTablesToggle() {
        const box = document.getElementById('show-tables');
        document.body.classList.toggle('show-tables', state.showTables);
        if (!box) return;
        box.checked = state.showTables;
        box.addEventListener('change', () => {
            state.showTables = box.checked;
            document.body.classList.toggle('show-tables', state.showTables);
            vscode.setState(state);
        });
    }

    wireTablesToggle();
    window.addEventListener('message', event => {
        const message = event.data;
        if (!message || message.type !== 'update' || typeof message.html !== 'string' || !root) return;
        root.innerHTML = message.html;
        wireTablesToggle();
    });
    // Updates posted before this script ran were lost: ask for the current body.
    vscode.postMessage({ type: 'ready' });
})();

// Keeps every script error and console.error of the page in <html data-errors="..."> (shown to tests and readers).
(() => {
  const errors = [];
  const keep = (text) => {
    errors.push(String(text));
    document.documentElement.dataset.errors = errors.join(' | ');
  };
  window.addEventListener('error', (e) => keep(e.message || e));
  window.addEventListener('unhandledrejection', (e) => keep(e.reason && e.reason.message ? e.reason.message : e.reason));
  const original = console.error.bind(console);
  console.error = (...args) => {
    keep(args.map((a) => (a && a.message) ? a.message : a).join(' '));
    original(...args);
  };
})();

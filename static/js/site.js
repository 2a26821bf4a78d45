// Public site behaviour, kept in a static file for the Content-Security-Policy (no inline handlers).
// A button with data-print prints the page (receipt, checklist).
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("[data-print]");
  if (button) {
    event.preventDefault();
    window.print();
  }
});

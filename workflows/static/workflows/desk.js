// Keyboard access to Viewflow's filter button (a custom element that only listens for clicks).
document.addEventListener("keydown", (event) => {
  const trigger = event.target.closest && event.target.closest("vf-list-filter-trigger");
  if (trigger && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    trigger.click();
  }
});

document.addEventListener("DOMContentLoaded", () => {});

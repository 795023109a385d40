// The print view's button opens the browser's print dialogue. Without JavaScript it stays hidden:
// the browser's own print command still works then.
document.querySelectorAll("[data-print-button]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});

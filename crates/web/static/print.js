// Shows the print button of a printable page (without JavaScript, Ctrl+P still works).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});

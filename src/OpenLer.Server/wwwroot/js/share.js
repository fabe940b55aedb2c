// OpenLER share page: the Copy and Print buttons. A progressive enhancement: without this script the link stays in a
// read-only field that selects in one tap, and the browser's own Print command prints the card.
(function () {
  "use strict";
  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!field) { return; }
    var done = function () { if (status) { status.textContent = button.getAttribute("data-done"); } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () { field.select(); });
    } else {
      field.select();
      if (document.execCommand && document.execCommand("copy")) { done(); }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (e) { copy(e.currentTarget); });
    }
    var fields = document.querySelectorAll("input.share-url");
    for (var j = 0; j < fields.length; j++) {
      fields[j].addEventListener("focus", function (e) { e.currentTarget.select(); });
    }
    var print = document.querySelectorAll("[data-print]");
    for (var k = 0; k < print.length; k++) {
      print[k].hidden = false;
      print[k].addEventListener("click", function () { window.print(); });
    }
  });
})();

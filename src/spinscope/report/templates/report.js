(function () {
  "use strict";
  // Everything here reads the page's own elements and writes with textContent: no article text is ever
  // parsed as HTML. Without JavaScript the page still shows every highlight, a CSS tooltip and the span list.
  document.documentElement.classList.add("js");
  var popover = document.getElementById("popover");
  var article = document.querySelector(".article");
  var pinned = null;
  var current = null;

  function tokens(element, name) {
    var value = element.getAttribute(name);
    return value ? value.split(" ") : [];
  }

  // The page may translate the popover's words (data-word-confidence, data-word-cue on #popover).
  function word(name) {
    return popover.getAttribute("data-word-" + name) || name;
  }

  function add(parent, tag, className, text) {
    var child = document.createElement(tag);
    if (className) child.className = className;
    if (text !== undefined) child.textContent = text;
    parent.appendChild(child);
    return child;
  }

  function fill(segment) {
    popover.textContent = "";
    tokens(segment, "data-spans").forEach(function (id) {
      var item = document.getElementById("sp-" + id);
      if (!item) return;
      var number = item.getAttribute("data-n");
      var box = add(popover, "div", "pop-item");
      var head = add(box, "div", "pop-head");
      add(head, "span", "sw t" + number);
      add(head, "span", "", item.querySelector(".sp-name").textContent);
      var confidence = parseFloat(item.querySelector(".sp-conf").textContent);
      add(head, "span", "pop-conf", word("confidence") + " " + confidence.toFixed(2));
      add(box, "div", "pop-meter").appendChild(document.createElement("span")).style.width =
        Math.round(confidence * 100) + "%";
      var definition = document.getElementById("def-" + number);
      if (definition) add(box, "p", "pop-def", definition.textContent);
      add(box, "p", "pop-text", "“" + item.querySelector(".sp-text").textContent + "”");
      add(box, "p", "pop-cue", word("cue") + ": " + item.querySelector(".sp-cue").textContent);
    });
  }

  function show(segment) {
    if (current === segment && !popover.hidden) return;
    current = segment;
    fill(segment);
    popover.hidden = false;
    var box = segment.getBoundingClientRect();
    var width = popover.offsetWidth;
    var left = Math.min(Math.max(8, box.left), document.documentElement.clientWidth - width - 8);
    popover.style.left = left + window.scrollX + "px";
    popover.style.top = box.bottom + window.scrollY + 6 + "px";
    segment.setAttribute("aria-expanded", "true");
  }

  function hide() {
    if (current) current.setAttribute("aria-expanded", "false");
    popover.hidden = true;
    current = null;
    pinned = null;
  }

  function segmentOf(target) {
    return target && target.closest ? target.closest("mark.seg") : null;
  }

  if (article) {
    article.addEventListener("mouseover", function (event) {
      var segment = segmentOf(event.target);
      if (segment && !pinned) show(segment);
    });
    article.addEventListener("mouseout", function (event) {
      if (!pinned && segmentOf(event.target) && !segmentOf(event.relatedTarget)) hide();
    });
    article.addEventListener("focusin", function (event) {
      var segment = segmentOf(event.target);
      if (segment) {
        pinned = null;
        show(segment);
      }
    });
    article.addEventListener("focusout", function (event) {
      if (!pinned && !segmentOf(event.relatedTarget)) hide();
    });
    article.addEventListener("click", function (event) {
      var segment = segmentOf(event.target);
      if (!segment) return;
      if (pinned === segment) {
        hide();
      } else {
        show(segment);
        pinned = segment;
      }
    });
    article.addEventListener("keydown", function (event) {
      var segment = segmentOf(event.target);
      if (segment && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        segment.click();
      }
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !popover.hidden) {
      var back = current;
      hide();
      if (back) back.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (pinned && !segmentOf(event.target) && !popover.contains(event.target)) hide();
  });

  // Legend check boxes: hide a technique's highlights, and redraw overlaps with the techniques left.
  var colours = {};
  var toggles = document.querySelectorAll(".toggle input");
  toggles.forEach(function (input) {
    colours[input.getAttribute("data-n")] = [input.getAttribute("data-bg"), input.getAttribute("data-accent")];
  });
  function redraw() {
    var hidden = {};
    toggles.forEach(function (input) {
      hidden[input.getAttribute("data-n")] = !input.checked;
      input.closest(".legend-item").classList.toggle("disabled", !input.checked);
    });
    document.querySelectorAll("mark.seg").forEach(function (segment) {
      var all = tokens(segment, "data-n");
      var shown = all.filter(function (n) { return !hidden[n]; });
      segment.classList.toggle("off", shown.length === 0);
      segment.tabIndex = shown.length === 0 ? -1 : 0;
      if (shown.length === all.length || shown.length === 0) {
        segment.style.backgroundColor = "";
        segment.style.boxShadow = "";
        segment.style.paddingBottom = "";
        return;
      }
      segment.style.backgroundColor = colours[shown[0]][0];
      segment.style.boxShadow = shown.slice(0, 4).map(function (n, i) {
        return "inset 0 -" + 3 * (i + 1) + "px 0 " + colours[n][1];
      }).join(",");
      segment.style.paddingBottom = 3 * (Math.min(shown.length, 4) - 1) + "px";
    });
  }
  toggles.forEach(function (input) { input.addEventListener("change", redraw); });

  // Actors: mark every mention of the pressed entity in the article.
  document.querySelectorAll(".ent-btn").forEach(function (button) {
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      var id = button.getAttribute("data-e");
      document.querySelectorAll(".article [data-e]").forEach(function (element) {
        if (tokens(element, "data-e").indexOf(id) >= 0) element.classList.toggle("hl-ent", on);
      });
    });
  });
})();

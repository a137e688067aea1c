// Typing is never lost on the answer pages (templates/reporting/_answer_card.html).
//
// - Each answer form saves itself a moment after the person stops typing, and on
//   "change", through htmx ("portal:save" is one of its triggers).
// - Before another action on the same answer (mark ready, upload, remove a file)
//   or a link is followed, unsaved typing is saved first, then the action goes on.
// - When the tab is hidden or the page is left, unsaved typing is sent with a
//   keepalive request (it outlives the page); leaving also asks the browser to warn.
// - Unsaved typing is also kept in the tab's sessionStorage with the version it was
//   typed against; a reloaded page puts it back and saves it again, so a page drawn
//   before the keepalive landed never shows the older text. Against the version it
//   was typed on, a colleague's save in between is a conflict, never overwritten.
// - Each answer says whether it is saved: "Belum tersimpan", "Menyimpan…", then the
//   server's own "Tersimpan otomatis …" (or its message).
// - Mark ready, upload and file removal ([data-card-action] forms) go through htmx
//   and bring back that answer's card alone: the other answers and their typing are
//   untouched. Typing in the card itself is saved before the request; typing that
//   came while it was out is put back from the tab's storage into the new card.
//   Focus moves to the card's message and the page's live region reads it.
// The server decides everything (version, conflicts, validity): this file only
// makes sure what was typed reaches it.
(function () {
  "use strict";
  var DELAY_MS = 1200;
  var state = new Map(); // form -> {edits, sentAt, timer, waiters}

  function formOf(element) {
    return element && element.closest ? element.closest("form.answer-form") : null;
  }

  function entry(form) {
    if (!state.has(form)) {
      state.set(form, { edits: 0, savedEdits: 0, timer: null, waiters: [] });
    }
    return state.get(form);
  }

  function blocked(form) {
    // A conflict waits for the person's choice: nothing is sent until then.
    return !!form.querySelector("[data-conflict]");
  }

  function isDirty(form) {
    var e = state.get(form);
    return !!e && e.edits !== e.savedEdits;
  }

  function statusOf(form) {
    return form.querySelector("[data-save-status]");
  }

  function say(form, text) {
    var target = statusOf(form);
    if (target) {
      target.textContent = text;
    }
  }

  function save(form) {
    var e = entry(form);
    clearTimeout(e.timer);
    e.timer = null;
    if (!isDirty(form) || blocked(form) || !window.htmx) {
      return Promise.resolve();
    }
    return new Promise(function (resolve) {
      e.waiters.push(resolve);
      window.htmx.trigger(form, "portal:save");
    });
  }

  function sendNow(form) {
    // The page is going away: a keepalive request survives it.
    if (!isDirty(form) || blocked(form)) {
      return;
    }
    var e = entry(form);
    clearTimeout(e.timer);
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      keepalive: true,
      headers: { "HX-Request": "true" },
    });
    e.savedEdits = e.edits;
  }

  // ---------------------------------------------------------------- drafts
  function draftKey(form) {
    return "answer-draft:" + form.action;
  }

  function versionInput(form) {
    return form.querySelector('input[type=hidden][name$="-version"]');
  }

  function typedFields(form) {
    return Array.prototype.filter.call(
      form.querySelectorAll("input[name], textarea[name], select[name]"),
      function (field) {
        return field.type !== "hidden" && field.type !== "submit";
      }
    );
  }

  function keepDraft(form) {
    var values = {};
    typedFields(form).forEach(function (field) {
      values[field.name] = field.value;
    });
    var version = versionInput(form);
    var e = entry(form);
    if (e.draftVersion === undefined && version) {
      e.draftVersion = version.value;
    }
    try {
      window.sessionStorage.setItem(
        draftKey(form),
        JSON.stringify({ values: values, version: e.draftVersion })
      );
    } catch (err) {
      // Storage full or refused: the other safeguards remain.
    }
  }

  function dropDraft(form) {
    entry(form).draftVersion = undefined;
    try {
      window.sessionStorage.removeItem(draftKey(form));
    } catch (err) {
      // Nothing to do.
    }
  }

  function restoreDraft(form) {
    var raw = null;
    try {
      raw = window.sessionStorage.getItem(draftKey(form));
    } catch (err) {
      return;
    }
    if (!raw) {
      return;
    }
    var draft = JSON.parse(raw);
    var differs = typedFields(form).some(function (field) {
      return field.name in draft.values && field.value !== draft.values[field.name];
    });
    if (!differs) {
      dropDraft(form);  // already saved
      return;
    }
    typedFields(form).forEach(function (field) {
      if (field.name in draft.values) {
        field.value = draft.values[field.name];
      }
    });
    var version = versionInput(form);
    if (version && draft.version !== undefined) {
      version.value = draft.version;
    }
    var e = entry(form);
    e.draftVersion = draft.version;
    e.edits += 1;
    say(form, form.dataset.unsaved || "");
    e.timer = setTimeout(function () {
      save(form);
    }, 0);
  }

  function dirtyForms() {
    return Array.prototype.filter.call(
      document.querySelectorAll("form.answer-form"),
      function (form) {
        return isDirty(form) || blocked(form);
      }
    );
  }

  document.addEventListener("input", function (event) {
    var form = formOf(event.target);
    if (!form) {
      return;
    }
    var e = entry(form);
    e.edits += 1;
    keepDraft(form);
    say(form, form.dataset.unsaved || "");
    clearTimeout(e.timer);
    e.timer = setTimeout(function () {
      save(form);
    }, DELAY_MS);
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.matches && form.matches("form.answer-form")) {
      var e = entry(form);
      e.sending = e.edits;
      say(form, form.dataset.saving || "");
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form || !form.matches || !form.matches("form.answer-form")) {
      return;
    }
    var e = entry(form);
    if (event.detail.successful && e.sending !== undefined) {
      // Typing that came while the request was out stays unsaved.
      e.savedEdits = Math.max(e.savedEdits, e.sending);
      if (!isDirty(form) && !blocked(form)) {
        dropDraft(form);
      }
    }
    e.sending = undefined;
    if (isDirty(form) && !e.timer && !blocked(form)) {
      e.timer = setTimeout(function () {
        save(form);
      }, DELAY_MS);
    }
    var waiters = e.waiters;
    e.waiters = [];
    waiters.forEach(function (resolve) {
      resolve();
    });
  });

  // Another action on the same answer: save the typing first, then go on.
  document.addEventListener(
    "submit",
    function (event) {
      var action = event.target;
      if (!action.matches) {
        return;
      }
      if (action.matches("form.answer-form")) {
        // "Simpan" (or a conflict choice) posts the form itself: nothing is pending.
        // The draft stays until the next page shows the same text, except after a
        // conflict choice, which decides what the answer is.
        var own = entry(action);
        clearTimeout(own.timer);
        own.savedEdits = own.edits;
        var pressed = event.submitter;
        if (pressed && /resolution$/.test(pressed.name || "")) {
          dropDraft(action);
        }
        return;
      }
      if (action.matches("form[data-card-action]") && window.htmx) {
        return; // htmx sends it; "htmx:confirm" below saves the typing first.
      }
      var form = answerFormBeside(action);
      if (!form || !isDirty(form) || blocked(form) || action.dataset.typingSaved) {
        return;
      }
      event.preventDefault();
      save(form).then(function () {
        action.dataset.typingSaved = "1";
        if (action.requestSubmit) {
          action.requestSubmit(event.submitter || undefined);
        } else {
          action.submit();
        }
      });
    },
    true
  );

  function answerFormBeside(action) {
    var card = action.closest("[data-answer]");
    return card && card.querySelector("form.answer-form");
  }

  // An action on an answer's card, sent by htmx: the card's typing is saved first.
  document.addEventListener("htmx:confirm", function (event) {
    var action = event.detail.elt;
    if (!action || !action.matches || !action.matches("form[data-card-action]")) {
      return;
    }
    var form = answerFormBeside(action);
    if (!form || !isDirty(form) || blocked(form)) {
      return;
    }
    event.preventDefault();
    save(form).then(function () {
      event.detail.issueRequest(true);
    });
  });

  // Not a card but another page (the session ended and the sign-in page answered):
  // go there as a link would, the typing kept in the tab's storage meanwhile.
  function cardAction(event) {
    // The form that sent the request (a swap event's own "elt" is its target).
    var config = event.detail.requestConfig;
    var action = (config && config.elt) || event.detail.elt;
    return action && action.matches && action.matches("form[data-card-action]")
      ? action
      : null;
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var action = cardAction(event);
    var xhr = event.detail.xhr;
    if (!action) {
      return;
    }
    if (xhr.status === 200 && xhr.responseText.indexOf("data-answer=") === -1) {
      event.detail.shouldSwap = false;
      window.location.href = xhr.responseURL || window.location.href;
    }
  });

  // The card came back: its typing (if any came meanwhile) is put back, focus goes
  // to its message, and the page's live region reads that message.
  document.addEventListener("htmx:load", function (event) {
    var card = event.detail.elt;
    if (!card || !card.matches || !card.matches("article[data-answer]")) {
      return;
    }
    var form = card.querySelector("form.answer-form");
    if (form) {
      restoreDraft(form);
    }
    var told = card.querySelector("[data-card-outcome]");
    if (told) {
      told.focus();
    }
  });

  // The card could not come back (no connection, an expired session, a server
  // error): the action's place says so, and so does the live region.
  function actionFailed(event) {
    var action = cardAction(event);
    if (!action) {
      return;
    }
    var news = document.getElementById("card-news");
    var text = (news && news.dataset.failed) || "";
    var shown = document.createElement("div");
    shown.className = "alert alert-danger py-2 mb-2";
    shown.setAttribute("tabindex", "-1");
    shown.textContent = text;
    var place = action.closest("ul.evidence-list") || action;
    place.parentNode.insertBefore(shown, place);
    shown.focus();
    if (news) {
      news.textContent = text;
    }
  }
  document.addEventListener("htmx:responseError", actionFailed);
  document.addEventListener("htmx:sendError", actionFailed);

  // A link followed with unsaved typing: save, then follow it.
  document.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || event.defaultPrevented || event.button !== 0) {
        return;
      }
      if (event.ctrlKey || event.metaKey || event.shiftKey || link.target) {
        return;
      }
      var pending = dirtyForms().filter(function (form) {
        return !blocked(form);
      });
      if (!pending.length) {
        return;
      }
      event.preventDefault();
      Promise.all(pending.map(save)).then(function () {
        window.location.href = link.href;
      });
    },
    true
  );

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      dirtyForms().forEach(sendNow);
    }
  });

  window.addEventListener("pagehide", function () {
    dirtyForms().forEach(sendNow);
  });

  window.addEventListener("beforeunload", function (event) {
    var pending = dirtyForms();
    if (!pending.length) {
      return;
    }
    pending.forEach(sendNow);
    // Sent typing outlives the page; a conflict's typing is not sent (the person
    // must choose first), so leaving is questioned.
    if (pending.some(blocked)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
  // After htmx has bound the forms' triggers (its own listener runs first).
  function restoreAll() {
    Array.prototype.forEach.call(
      document.querySelectorAll("form.answer-form"),
      restoreDraft
    );
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restoreAll);
  } else {
    restoreAll();
  }
})();

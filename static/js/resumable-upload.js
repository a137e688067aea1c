/* Resumable evidence upload (tus protocol, tus-js-client): one progress bar per
   file, resume after a dropped connection or a reload (the client remembers each
   file's upload address in localStorage), and the server's Indonesian reason
   shown as it is. Texts come from the form's data attributes (translated). */
(function () {
  "use strict";
  var form = document.getElementById("tus-form");
  if (!form || !window.tus) { return; }
  var input = document.getElementById("tus-files");
  var list = document.getElementById("tus-list");
  var data = form.dataset;
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var maxBytes = parseInt(data.maxBytes, 10);

  function mb(bytes) { return (bytes / 1048576).toFixed(1).replace(".", ","); }
  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  function row(file) {
    var item = document.createElement("li");
    item.className = "mb-3";
    var name = document.createElement("div");
    name.textContent = file.name + " (" + mb(file.size) + " MB)";
    var bar = document.createElement("progress");
    bar.className = "w-100";
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", file.name);
    var note = document.createElement("div");
    note.className = "small";
    note.setAttribute("role", "status");
    item.append(name, bar, note);
    list.append(item);
    return { item: item, bar: bar, note: note };
  }

  function say(view, text, kind) {
    view.note.textContent = text;
    view.note.className = "small" + (kind ? " text-" + kind : "");
  }

  var pending = 0;
  function finished(ok) {
    pending -= 1;
    if (pending === 0 && ok) { form.dataset.state = "done"; }
  }

  function send(file) {
    var view = row(file);
    if (file.size > maxBytes) {
      say(view, fill(data.msgSize, { name: file.name, size: mb(file.size) }), "danger");
      view.item.dataset.state = "refused";
      return;
    }
    pending += 1;
    var upload = new window.tus.Upload(file, {
      endpoint: data.endpoint,
      chunkSize: parseInt(data.chunkBytes, 10),
      retryDelays: [0, 1000, 3000],
      removeFingerprintOnSuccess: true,
      metadata: { filename: file.name, filetype: file.type },
      headers: { "X-CSRFToken": token },
      onProgress: function (sent, total) {
        view.bar.value = Math.floor((sent / total) * 100);
        view.item.dataset.sent = String(sent);
      },
      onShouldRetry: function (err) {
        var status = err.originalResponse ? err.originalResponse.getStatus() : 0;
        if (status === 0 || status === 409 || status >= 500) {
          say(view, data.msgRetry, "warning");
          return true;
        }
        return false;
      },
      onError: function (err) {
        var response = err.originalResponse;
        var status = response ? response.getStatus() : 0;
        var text;
        if (status === 0 || status >= 500) {
          text = fill(data.msgConnection, {
            name: file.name, done: mb(upload.offsetKnown || 0), total: mb(file.size)
          });
          view.item.dataset.state = "connection";
        } else {
          text = fill(data.msgRefused, { name: file.name, reason: response.getBody() });
          view.item.dataset.state = "refused";
        }
        say(view, text, "danger");
        finished(false);
      },
      onAfterResponse: function (_req, res) {
        var offset = res.getHeader("Upload-Offset");
        if (offset) { upload.offsetKnown = parseInt(offset, 10); }
      },
      onSuccess: function () {
        view.bar.value = 100;
        view.item.dataset.state = "done";
        say(view, fill(data.msgDone, { name: file.name }), "success");
        finished(true);
      }
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) {
        upload.resumeFromPreviousUpload(previous[0]);
        view.item.dataset.resumed = "1";
      }
      upload.start();
    });
  }

  input.addEventListener("change", function () {
    Array.prototype.forEach.call(input.files, send);
    input.value = "";
  });
})();

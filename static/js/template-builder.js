// The template builder's live preview, progressive enhancement only: without this file the
// "Preview a sample report" button shows the same preview. As the administrator types, the form is
// sent as that button would send it (nothing is saved: the server rolls the sample back) and the
// preview beside the form is replaced by the server's new rendering. A template the server refuses
// leaves the last good preview in place; the errors show when the button is pressed.
const form = document.querySelector("form[data-template-builder]");

if (form) {
  let timer;
  let controller;

  const refresh = async () => {
    controller?.abort();
    controller = new AbortController();
    const data = new FormData(form);
    data.delete("save");
    data.set("preview", "1");
    try {
      const response = await fetch(window.location.href, {
        method: "POST",
        body: data,
        signal: controller.signal,
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector("#preview");
      const current = document.querySelector("#preview");
      if (fresh && current) current.replaceWith(fresh);
    } catch (error) {
      if (error.name !== "AbortError") console.warn("The preview could not be updated", error);
    }
  };

  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 700);
  };
  form.addEventListener("input", later);
  form.addEventListener("change", later);
}

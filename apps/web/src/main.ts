/** Entry of the demo page: sets the language, configures onnxruntime-web and starts the panels. */
import { byId, element } from "./dom.js";
import { LANGUAGE_NAMES, LANGUAGES, getLanguage, initialLanguage, isLanguage, onLanguageChange, setLanguage } from "./i18n.js";
import { ModelLoader, startRuntime } from "./models.js";
import { MovementPanel } from "./views/movement-panel.js";
import { SentimentPanel } from "./views/sentiment-panel.js";
import { renderStatus } from "./views/status-view.js";

function setUpLanguagePicker(): void {
  const picker = byId<HTMLSelectElement>("language-select");
  picker.replaceChildren(...LANGUAGES.map((language) => element("option", LANGUAGE_NAMES[language], { value: language })));
  picker.value = getLanguage();
  picker.addEventListener("change", () => {
    if (isLanguage(picker.value)) setLanguage(picker.value);
  });
  onLanguageChange(() => {
    picker.value = getLanguage();
  });
}

function start(): void {
  const runtime = startRuntime();
  const statusLine = byId("runtime-status");
  const models = new ModelLoader(() => renderStatus(statusLine, runtime, models));
  onLanguageChange(() => renderStatus(statusLine, runtime, models));

  const movement = new MovementPanel(models);
  new SentimentPanel(models);
  setUpLanguagePicker();
  setLanguage(initialLanguage());
  void movement.start();
}

start();

import { browser, defineBackground } from '#imports';

// Opening the side panel from the toolbar icon; everything else is added by the features.
export default defineBackground(() => {
  void browser.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true });
});

import '@/components/shared/base.css';
import './options.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options } from '@/components/options/Options';
import { makeTranslate } from '@/lib/i18n/translate';
import type { Settings } from '@/lib/settings/defaults';
import { settingsOrDefaults } from '@/lib/settings/validate';
import { badgeLayoutItem, settingsItem } from '@/lib/platform/items';

// Wiring only: read and watch the settings, render, save through settingsItem (the worker
// re-evaluates on the change), clear the badge positions on request.
const root = document.getElementById('app')!;
const t = makeTranslate((key, subs) => browser.i18n.getMessage(key as never, subs));
document.documentElement.lang = t('popup_html_lang');
document.title = `Regime Lens — ${t('options_title')}`;
const draw = (settings: Settings) =>
  render(
    <Options
      t={t}
      locale={browser.i18n.getUILanguage()}
      settings={settings}
      now={Date.now}
      onSave={(s) => settingsItem.setValue(s)}
      onResetBadgePositions={() => badgeLayoutItem.setValue({})}
    />,
    root,
  );
void settingsItem.getValue().then((v) => draw(settingsOrDefaults(v)));
settingsItem.watch((v) => draw(settingsOrDefaults(v)));

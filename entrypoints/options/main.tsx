/*
 * The options page, wiring only. Flow: … → snapshot → storage → views; it reads and watches the settings
 * item, renders components/options and saves back through it (the worker then re-evaluates today).
 */
import '@/components/shared/base.css';
import './options.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { Options } from '@/components/options/Options';
import { makeTranslate } from '@/lib/i18n/translate';
import { settingsOrDefaults } from '@/lib/settings/validate';
import { badgeLayoutItem, settingsItem } from '@/lib/platform/items';

const t = makeTranslate((key, subs) => browser.i18n.getMessage(key as never, subs));
document.documentElement.lang = t('popup_html_lang');
document.title = `Regime Lens — ${t('options_title')}`;
const draw = (stored: unknown) =>
  render(
    <Options
      t={t}
      locale={browser.i18n.getUILanguage()}
      settings={settingsOrDefaults(stored)}
      now={Date.now}
      onSave={(s) => settingsItem.setValue(s)}
      onResetBadgePositions={() => badgeLayoutItem.setValue({})}
    />,
    document.getElementById('app')!,
  );
void settingsItem.getValue().then(draw);
settingsItem.watch(draw);

/**
 * The dialogs of the product, registered in one place.
 */
import { DialogRegistry } from '../engine/dialog.js';
import { languageDialog } from './language.js';
import { createMenuDialog } from './menu.js';
import { eventsDialog } from './events.js';
import { createFaqDialog } from './faq.js';
import { bpuRegistrationDialog } from './bpu-registration.js';
import { claimDialog } from './claim/index.js';
import { claimStatusDialog } from './claim-status.js';
import { jkpCheckDialog } from './jkp-check.js';
import { privacyDialog } from './privacy.js';

/** A registry holding every dialog of the product. */
export function createDialogRegistry(): DialogRegistry {
  const registry = new DialogRegistry();
  registry.register(createMenuDialog(registry), languageDialog);
  registry.register(eventsDialog);
  registry.register(createFaqDialog((id) => registry.has(id)));
  registry.register(bpuRegistrationDialog);
  registry.register(claimDialog, claimStatusDialog, jkpCheckDialog);
  registry.register(privacyDialog);
  return registry;
}

/**
 * The dialogs of the product, registered in one place.
 */
import { DialogRegistry } from '../engine/dialog.js';
import { languageDialog } from './language.js';
import { createMenuDialog } from './menu.js';

/** A registry holding every dialog of the product. */
export function createDialogRegistry(): DialogRegistry {
  const registry = new DialogRegistry();
  registry.register(createMenuDialog(registry), languageDialog);
  return registry;
}

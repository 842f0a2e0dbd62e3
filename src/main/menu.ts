import type { MenuItemConstructorOptions } from 'electron';

export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  /** DevTools and reload are offered in development builds only. */
  isPackaged: boolean;
  notifications: boolean;
}

export interface MenuActions {
  setNotifications(enabled: boolean): void;
  openDataFolder(): void;
}

/** The application menu: the usual roles and shortcuts, plus the notification switch. */
export function buildMenuTemplate(state: MenuState, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const notify: MenuItemConstructorOptions = {
    id: 'notifications',
    label: 'Notify on New Captures',
    type: 'checkbox',
    checked: state.notifications,
    click: (item) => actions.setNotifications(item.checked),
  };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: state.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        notify,
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: 'File',
    submenu: [
      { label: 'Open Data Folder', click: () => actions.openDataFolder() },
      ...(mac ? [] : [{ type: 'separator' } as const, notify]),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: 'View',
    submenu: [
      ...(state.isPackaged
        ? []
        : [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({
    role: 'windowMenu',
  });
  return template;
}

import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS } from '../shared/api';

// One function per API method, derived from the shared contract. The page gets
// these functions and nothing else of Electron.
const api: Record<string, (args: unknown) => Promise<unknown>> = {};
for (const method of API_METHODS) {
  api[method] = (args: unknown) => ipcRenderer.invoke('hookscope:call', method, args);
}
contextBridge.exposeInMainWorld('hookscope', Object.freeze(api));

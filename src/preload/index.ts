import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS } from '../shared/api';
import { createApiBridge, createCoreBridge, createCoreConnection, createEventBridge } from './bridge';

// The sandboxed preload: bundled into one CommonJS file (it may require only
// 'electron'). It asks the main process for a MessagePort to the core process
// and gives the page three objects and nothing else of Electron:
// window.hookscope[method](args) for every method of the API contract,
// window.hookscopeEvents.subscribe(listener) for the core's events, and
// window.hookscopeCore (the core process's status, and a restart after a crash).
const connection = createCoreConnection(ipcRenderer);
contextBridge.exposeInMainWorld('hookscope', createApiBridge(connection, API_METHODS));
contextBridge.exposeInMainWorld('hookscopeEvents', createEventBridge(connection));
contextBridge.exposeInMainWorld('hookscopeCore', createCoreBridge(connection));

import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS } from '../shared/api';
import { createApiBridge, createEventBridge } from './bridge';

// The sandboxed preload: bundled into one CommonJS file (it may require only
// 'electron'). The page gets these two objects and nothing else of Electron:
// window.hookscope[method](args) for every method of the API contract, and
// window.hookscopeEvents.subscribe(listener) for the core's events.
contextBridge.exposeInMainWorld('hookscope', createApiBridge(ipcRenderer, API_METHODS));
contextBridge.exposeInMainWorld('hookscopeEvents', createEventBridge(ipcRenderer));

/** The IPC channels between the window and the main process. API calls and events go over the core's MessagePort, not here. */

/** Window -> main: "give me a port to the core" (the sender is checked before one is given). */
export const CORE_PORT_REQUEST_CHANNEL = 'hookscope:core-port-request';
/** Main -> window: a MessagePort to the core process (in the message's ports). */
export const CORE_PORT_CHANNEL = 'hookscope:core-port';
/** Main -> window: the core process's status as JSON text (running, crashed...). */
export const CORE_STATUS_CHANNEL = 'hookscope:core-status';
/** Window -> main (invoke): restart a crashed core. */
export const CORE_RESTART_CHANNEL = 'hookscope:core-restart';

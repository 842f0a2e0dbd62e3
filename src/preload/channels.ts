/** The only two IPC channels between the window and the main process. */
export const CALL_CHANNEL = 'hookscope:call';
export const EVENT_CHANNEL = 'hookscope:event';

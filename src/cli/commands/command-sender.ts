import type { AppSurface } from '../../core/app';

/** The app's sender for one command. `hold`: this process runs the deliveries it starts (send, retry) and hands them over when interrupted. */
export function senderFor(app: AppSurface, speed = 1, hold = false) {
  return app.commandSender({ speed, hold });
}

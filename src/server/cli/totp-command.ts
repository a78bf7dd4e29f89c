/** `vigil totp`: the demo admin's current authenticator code, for trying the step-up sign-in. */
import { DEFAULT_DEMO_TOTP_SECRET } from '../idp/demo-users.ts';
import { totpCode } from '../idp/totp.ts';
import { parseCommandArgs, type Command } from './command.ts';

export const totpCommand: Command = {
  name: 'totp',
  summary: "print the demo admin's current authenticator code",
  usage: `Usage: vigil totp\n\nPrints the current 6-digit code of the embedded provider's demo admin (secret from\n$VIGIL_DEMO_TOTP_SECRET, else the documented default) and how long it stays valid.`,
  async run(args, io) {
    parseCommandArgs(args, {}, false);
    const secret = io.env.VIGIL_DEMO_TOTP_SECRET ?? DEFAULT_DEMO_TOTP_SECRET;
    const now = Date.now();
    io.err(`valid for ${30 - Math.floor(now / 1000) % 30} more seconds`);
    io.out(totpCode(secret, now));
    return 0;
  },
};

export { base32Decode, base32Encode } from './base32.js';
export { otpauthQrSvg } from './qr.js';
export {
  generateRecoveryCodes,
  hashRecoveryCode,
  matchRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_ALPHABET,
} from './recovery.js';
export {
  formatSecretForDisplay,
  generateTotpSecret,
  hotpCode,
  otpauthUri,
  TOTP_DIGITS,
  TOTP_ISSUER,
  TOTP_PERIOD_SECONDS,
  type TotpSecret,
  totpCode,
  totpStep,
  type VerifyTotpOptions,
  verifyTotp,
} from './totp.js';

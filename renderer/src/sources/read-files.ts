import type { UploadedFile } from '../../../main/ipc/contract.ts';
import { t } from '../../../i18n/index.ts';

export const ACCEPTED = /\.(vcf|vcard|csv)$/i;

/** A file's bytes as base64, for `importFiles`. */
export function readBase64(file: File): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ name: file.name, data: url.slice(url.indexOf(',') + 1) });
    };
    reader.onerror = () => reject(reader.error ?? new Error(t('sources.unreadable', { file: file.name })));
    reader.readAsDataURL(file);
  });
}

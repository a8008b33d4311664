// Bodies of the application-maintenance SOP (setwapres): a report, and completing a step.
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

export const createMaintenanceReportBody = z.strictObject({
  service: text(200).describe('Aplikasi yang dilaporkan (kode layanan terdaftar atau nama aplikasi)'),
  description: text(10_000).describe('Kerusakan atau kendala yang dilaporkan'),
  reporter: text(100).optional().describe('Atas nama pelapor lain (Pengelola Layanan atau integrasi)'),
});
export type CreateMaintenanceReportBody = z.infer<typeof createMaintenanceReportBody>;

export const completeStepBody = z.strictObject({
  step: z.string().regex(/^[a-z_]+$/).describe('Langkah yang sedang ditunggu'),
  next: z.string().regex(/^[a-z_]+$/).optional().describe('Langkah berikutnya bila langkah bercabang (mis. kerusakan ringan atau berat)'),
  note: text(4000).optional(),
});

// Texts of the console's frame: navigation, buttons and messages every page uses.
import type { LocalText } from '../../api/http/messages.ts';

export const commonTexts = {
  'app.name': { id: 'Sigap', en: 'Sigap' },
  'app.tagline': { id: 'Manajemen layanan SPBE', en: 'SPBE service management' },
  'nav.inbox': { id: 'Menunggu saya', en: 'Waiting for me' },
  'nav.cases': { id: 'Kasus', en: 'Cases' },
  'nav.new': { id: 'Ajukan', en: 'Submit' },
  'nav.dashboard': { id: 'Dasbor', en: 'Dashboard' },
  'nav.reports': { id: 'Laporan', en: 'Reports' },
  'nav.admin': { id: 'Administrasi', en: 'Administration' },
  'nav.skip': { id: 'Lewati ke konten utama', en: 'Skip to main content' },
  'nav.menu': { id: 'Menu', en: 'Menu' },
  'nav.language': { id: 'Bahasa', en: 'Language' },
  'nav.signOut': { id: 'Keluar', en: 'Sign out' },
  'nav.signedInAs': { id: 'Masuk sebagai {name}', en: 'Signed in as {name}' },
  'delegation.acting': { id: '{kind} {delegator} sampai {until}', en: '{kind} for {delegator} until {until}' },
  'error.title': { id: 'Terjadi kesalahan', en: 'Something went wrong' },
  'error.notFound': { id: 'Halaman tidak ditemukan', en: 'Page not found' },
  // A wide table scrolls sideways on a phone; its wrapper is reachable by keyboard (arrow keys scroll it).
  'table.region': { id: 'Tabel (geser ke samping bila perlu)', en: 'Table (scroll sideways if needed)' },
  'error.back': { id: 'Kembali', en: 'Back' },
  'form.errorsSummary': { id: 'Periksa isian berikut:', en: 'Please check these fields:' },
  'form.submit': { id: 'Kirim', en: 'Submit' },
  'form.required': { id: 'wajib', en: 'required' },
} as const satisfies Record<string, LocalText>;

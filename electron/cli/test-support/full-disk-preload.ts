/** `node --import tsx --import full-disk-preload.ts …`: the process runs on a "full disk" (see simulateFullDisk). */
import { simulateFullDisk } from '../../journal/test-support/full-disk';

simulateFullDisk(Number(process.env.COCKPIT_TEST_MAX_PAGES ?? 1));

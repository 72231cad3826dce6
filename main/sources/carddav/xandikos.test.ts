import { serverSuite } from './testing/suite.ts';

serverSuite('xandikos');

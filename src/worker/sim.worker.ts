import '../protocol/zodConfig';
import { expose } from 'comlink';
import { createWorkerApi } from './api';

expose(createWorkerApi());

// The browser's emulator thread: v86 runs here, driven by connectMachine() on the page.
import { serveMachine, type Port } from './machine-port';
import { startMachine } from '../v86-adapter';

serveMachine(self as unknown as Port, startMachine);

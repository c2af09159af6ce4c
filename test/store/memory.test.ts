// The in-memory adapter held to the shared port contract.
import { createMemoryPorts } from '../../src/store/index.js';
import { describePortContract } from './port-contract.js';

describePortContract('in-memory', () => ({ ports: createMemoryPorts(), dispose: () => {} }));

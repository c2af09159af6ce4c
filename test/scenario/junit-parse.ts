// Reads JUnit XML with a real XML parser (Python's ElementTree, which the README's Python examples need
// anyway), so that a report the CI servers would reject fails here, not in a merge job.
import { execFileSync } from 'node:child_process';

export interface ParsedJUnit {
  name: string;
  suites: {
    name: string;
    properties: Record<string, string>;
    cases: { classname: string; name: string; ok: boolean }[];
  }[];
}

const READER = `
import json, sys, xml.etree.ElementTree as ET
out = []
for path in sys.argv[1:]:
    root = ET.parse(path).getroot()
    assert root.tag == 'testsuites', root.tag
    out.append({
        'name': root.get('name'),
        'suites': [{
            'name': s.get('name'),
            'properties': {p.get('name'): p.get('value') for p in s.findall('properties/property')},
            'cases': [{
                'classname': c.get('classname'),
                'name': c.get('name'),
                'ok': c.find('failure') is None and c.find('error') is None,
            } for c in s.findall('testcase')],
        } for s in root.findall('testsuite')],
    })
print(json.dumps(out))
`;

/** Each file parsed; throws with Python's message (line and column) for XML that is not well formed. */
export function parseJUnitFiles(files: readonly string[]): ParsedJUnit[] {
  return JSON.parse(execFileSync('python3', ['-c', READER, ...files], { encoding: 'utf8' })) as ParsedJUnit[];
}

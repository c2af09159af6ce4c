// The panel's cloud line: where the clock's cloud is and whether it answers, and, when the server's
// TransFlag leaves out AttLog, that punches do not upload — "online, but no attendance arrives".
import { afterEach, describe, expect, it } from 'vitest';
import type { CloudControl, CloudStatus } from '../../src/tui/index.js';
import { openHarness, type Harness } from './harness.js';

/** A cloud that answers, with the given status; the switch does nothing. */
function answeringCloud(status: Partial<CloudStatus>): () => CloudControl {
  return () => ({
    target: 'http://10.1.2.3:8081',
    status: () => ({ reachable: true, detail: 'answering', ...status }),
    setReachable: () => {},
    onChange: () => () => {},
  });
}

describe('the panel cloud line', () => {
  let h: Harness;
  afterEach(() => h.close());

  it("says attendance upload is off (server's TransFlag) under the cloud line, on two lines when narrow", () => {
    h = openHarness({ cloud: answeringCloud({ attendanceUpload: false }) });

    const text = h.tui.text();

    expect(text).toContain('Cloud    http://10.1.2.3:8081: answering');
    expect(text).toContain('         attendance upload: off ');
    expect(text).toContain("         (server's TransFlag)");
    expect(text).toContain('Data     in memory');
  });

  it('says it on one line where the panel is wide enough', () => {
    h = openHarness({ columns: 140, rows: 30, cloud: answeringCloud({ attendanceUpload: false }) });

    expect(h.tui.text()).toContain("attendance upload: off (server's TransFlag)");
  });

  it('says nothing of attendance upload while it is on, or not yet known', () => {
    h = openHarness({ cloud: answeringCloud({ attendanceUpload: true }) });
    const on = h.tui.text();
    h.close();
    h = openHarness({ cloud: answeringCloud({}) });

    expect(on).not.toContain('attendance upload');
    expect(h.tui.text()).not.toContain('attendance upload');
  });
});

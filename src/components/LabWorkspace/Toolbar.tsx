import { useRef, useState, type ReactNode } from 'react';
import { translate } from '@docusaurus/Translate';
import type { LabSpec } from '../../labs/schema';
import styles from './styles.module.css';

export interface ToolbarProps {
  spec: LabSpec;
  active: string;
  readyToRun: boolean;
  /** Reset and Upload change the editor's text, so they wait for it. */
  editorReady: boolean;
  busy: 'run' | 'check' | null;
  onRun(): void;
  onStop(): void;
  onCheck(): void;
  onReset(path: string): void;
  onDownload(): void;
  onUpload(file: File): void;
  onRestart(): void;
}

/** The lab's buttons; Reset asks first in an inline dialog. */
export default function Toolbar(props: ToolbarProps): ReactNode {
  const upload = useRef<HTMLInputElement>(null);
  const [asking, setAsking] = useState(false);
  const editable = props.spec.files.includes(props.active);
  return (
    <div className={styles.toolbar}>
      <div className={styles.buttons} role="toolbar" aria-label="Lab actions">
        {props.busy === 'run' ? (
          <button type="button" className="button button--danger" onClick={props.onStop}>
            {translate({ id: 'lab.stop', message: 'Stop' })}
          </button>
        ) : (
          <button type="button" className="button button--primary" disabled={!props.readyToRun} onClick={props.onRun}>
            {translate({ id: 'lab.run', message: 'Run' })}
          </button>
        )}
        {props.spec.tests.length > 0 && (
          <button type="button" className="button button--success" disabled={!props.readyToRun} onClick={props.onCheck}>
            {props.busy === 'check'
              ? translate({ id: 'lab.checking', message: 'Checking…' })
              : translate({ id: 'lab.check', message: 'Check' })}
          </button>
        )}
        <button
          type="button"
          className="button button--secondary"
          disabled={!editable || !props.editorReady}
          aria-expanded={asking}
          onClick={() => setAsking(true)}
        >
          {translate({ id: 'lab.reset', message: 'Reset file' })}
        </button>
        {props.spec.tests.length > 0 && (
          <button type="button" className="button button--secondary" onClick={props.onDownload}>
            {translate({ id: 'lab.download', message: 'Download' })}
          </button>
        )}
        <button
          type="button"
          className="button button--secondary"
          disabled={!props.editorReady}
          onClick={() => upload.current?.click()}
        >
          {translate({ id: 'lab.upload', message: 'Upload' })}
        </button>
        <input
          ref={upload}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="upload-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) props.onUpload(file);
            e.target.value = '';
          }}
        />
        <button type="button" className="button button--outline button--secondary" onClick={props.onRestart}>
          {translate({ id: 'lab.restart', message: 'Restart VM' })}
        </button>
      </div>
      {asking && (
        <div className={styles.alert} role="alertdialog" aria-labelledby="lab-reset-question">
          <p id="lab-reset-question">
            {translate(
              {
                id: 'lab.reset.question',
                message: 'Replace {path} with the starter code? You can undo it afterwards.',
              },
              { path: props.active },
            )}
          </p>
          <button
            type="button"
            className="button button--sm button--danger"
            autoFocus
            onClick={() => {
              setAsking(false);
              props.onReset(props.active);
            }}
          >
            {translate({ id: 'lab.reset.confirm', message: 'Reset {path}' }, { path: props.active })}
          </button>
          <button type="button" className="button button--sm button--secondary" onClick={() => setAsking(false)}>
            {translate({ id: 'lab.reset.cancel', message: 'Cancel' })}
          </button>
        </div>
      )}
    </div>
  );
}

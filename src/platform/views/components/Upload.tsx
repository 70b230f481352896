import {
  componentsFr,
  type FieldProps,
  fieldId,
  formatLabel,
  LabelText,
  Messages,
  messagesId,
} from './shared.js';

export interface UploadProps extends Omit<FieldProps, 'valid'> {
  /** Accepted extensions or MIME types (`['.pdf', '.jpg']`); also listed in the hint. */
  accept?: readonly string[];
  /** Maximum size as users read it ("10 Mo"); listed in the hint. The server enforces the real limit. */
  maxSize?: string;
  multiple?: boolean;
}

/** The hint DSFR requires on an upload field: size, formats, several files, then the caller's hint. */
export function uploadHint(
  props: Pick<UploadProps, 'accept' | 'maxSize' | 'multiple' | 'hint' | 'labels'>,
): string {
  const labels = props.labels ?? componentsFr;
  const types = (props.accept ?? []).map((type) => type.replace(/^\./, '')).join(', ');
  const parts: string[] = [];
  if (props.maxSize && types) parts.push(formatLabel(labels.uploadHint, { size: props.maxSize, types }));
  else if (props.maxSize) parts.push(formatLabel(labels.uploadMaxSize, { size: props.maxSize }));
  else if (types) parts.push(formatLabel(labels.uploadFormats, { types }));
  if (props.multiple) parts.push(labels.uploadMultiple);
  if (props.hint) parts.push(props.hint);
  return parts.join(' ');
}

/**
 * DSFR "Ajout de fichier" (`fr-upload-group`). A file input cannot be refilled: after a failed
 * submission the page should say which file was already received.
 */
export function Upload(props: UploadProps): JSX.Element {
  const labels = props.labels ?? componentsFr;
  const id = props.id ?? fieldId(props.name);
  const msgId = messagesId(id);
  const hint = uploadHint(props);
  return (
    <div
      class={[
        'fr-upload-group',
        Boolean(props.error) && 'fr-upload-group--error',
        props.disabled === true && 'fr-upload-group--disabled',
      ]}
    >
      <label class="fr-label" for={id}>
        <LabelText label={props.label} hint={hint || undefined} required={props.required} labels={labels} />
      </label>
      <input
        class="fr-upload"
        type="file"
        id={id}
        name={props.name}
        accept={props.accept && props.accept.length > 0 ? props.accept.join(',') : undefined}
        multiple={props.multiple}
        required={props.required}
        disabled={props.disabled}
        aria-describedby={msgId}
        aria-invalid={props.error ? 'true' : undefined}
      />
      <Messages id={msgId} error={props.error} />
    </div>
  );
}

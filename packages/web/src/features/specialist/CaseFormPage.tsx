/**
 * A page with the case form, then its confirmation ("again" opens an empty form): the specialist's
 * certificate and the counter's case.
 */
import type { CaseDetail } from '@esenzioni/domain';
import { useState, type ComponentProps, type ReactNode } from 'react';
import { usePageTitle } from '../../ui/usePageTitle';
import { CaseForm } from '../case-form/CaseForm';
import { Confirmation } from './Confirmation';

interface Props {
  title: string;
  intro: ReactNode;
  mode: ComponentProps<typeof CaseForm>['mode'];
  submit: ComponentProps<typeof CaseForm>['submit'];
  /** the list the confirmation links back to */
  backTo: string;
  againLabel: string;
}

export function CaseFormPage({ title, intro, mode, submit, backTo, againLabel }: Props) {
  usePageTitle(title);
  const [done, setDone] = useState<CaseDetail | null>(null);
  const [round, setRound] = useState(0);
  return (
    <>
      <h1 className="h3">{title}</h1>
      <p>{intro}</p>
      {done ? (
        <Confirmation
          c={done}
          detailPath={`/pratiche/${done.caseNumber}`}
          backTo={backTo}
          againLabel={againLabel}
          onAgain={() => {
            setDone(null);
            setRound((r) => r + 1);
          }}
        />
      ) : (
        <CaseForm key={round} mode={mode} submit={submit} onDone={setDone} />
      )}
    </>
  );
}

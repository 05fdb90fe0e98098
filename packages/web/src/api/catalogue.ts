/** Issue 12 (H1): the pregnancy code for prescribers and the documents each exemption family asks for. */
import type { ExemptionFamily, FamilyDocumentList, PregnancyAnswer } from '@esenzioni/domain';
import { get, queryString } from './client';

export const lookupPregnancyCode = (
  q: { situation?: string; week?: number; lastPeriod?: string },
  signal?: AbortSignal,
) => get<PregnancyAnswer>(`/api/catalog/pregnancy${queryString(q)}`, signal);

export const familyDocuments = (family: ExemptionFamily, signal?: AbortSignal) =>
  get<FamilyDocumentList>(`/api/catalog/documents${queryString({ family })}`, signal);

import { encodeGlobalID } from '@pothos/plugin-relay';
import { type VerifiedAttestation, verifyAttestation } from '../../services/verify-attestation.ts';
import {
  candidateBasis,
  visiblyAdmitted,
  visiblyHasSkillBlocks,
} from '../../services/candidate-results.ts';
import { formatVerificationCode } from '@rattrapage/domain';
import { CANDIDATE_PAPER_ROLES, attestationCodeOf } from '../../documents/candidate-documents.ts';
import { builder } from '../builder.ts';
import { Candidate } from './candidate.ts';

const VerifiedAttestationRef = builder
  .objectRef<VerifiedAttestation>('VerifiedAttestation')
  .implement({
    description:
      'An attestation de réussite found genuine: its holder and specialty, and nothing else.',
    fields: (t) => ({
      lastName: t.exposeString('lastName'),
      firstName: t.exposeString('firstName'),
      specialtyName: t.exposeString('specialtyName'),
      year: t.exposeInt('year'),
    }),
  });

builder.queryFields((t) => ({
  verifyAttestation: t.field({
    type: VerifiedAttestationRef,
    nullable: true,
    description:
      'Public: the holder of the attestation de réussite with this verification code (case, spaces and dashes ignored), or null — unknown, malformed, or an admission no longer published alike.',
    args: { code: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => verifyAttestation(ctx, args.code),
  }),
}));

builder.objectField(Candidate, 'attestationCode', (t) =>
  t.string({
    nullable: true,
    description:
      'The verification code printed on the attestation de réussite (groups of four), once the admission is published to the viewer; null otherwise.',
    resolve: async (candidate, _args, ctx) =>
      (await visiblyAdmitted(ctx, await candidateBasis(ctx, candidate)))
        ? formatVerificationCode(await attestationCodeOf(ctx, candidate.id))
        : null,
  }),
);

builder.objectField(Candidate, 'attestationPath', (t) =>
  t.string({
    nullable: true,
    description:
      'Where to download the attestation de réussite (PDF, same Bearer token), once the admission is published to the viewer; null otherwise.',
    resolve: async (candidate, _args, ctx) =>
      (await visiblyAdmitted(ctx, await candidateBasis(ctx, candidate)))
        ? `/documents/attestation.pdf?candidate=${encodeURIComponent(encodeGlobalID('Candidate', candidate.id))}`
        : null,
  }),
);

builder.objectField(Candidate, 'skillBlocksCertificatePath', (t) =>
  t.string({
    nullable: true,
    description:
      'Where to download the certificate of skill blocks (blocs de compétences, art. D643-15: PDF, same Bearer token) of a candidate not admitted, once that result is published to the viewer and when the specialty maps its tests to blocks; null otherwise: an admitted candidate has none, and a school downloads none (as the transcript). It may say that no block is acquired.',
    resolve: async (candidate, _args, ctx) =>
      ctx.viewer !== null &&
      CANDIDATE_PAPER_ROLES.includes(ctx.viewer.role) &&
      (await visiblyHasSkillBlocks(ctx, await candidateBasis(ctx, candidate)))
        ? `/documents/certificat-blocs.pdf?candidate=${encodeURIComponent(encodeGlobalID('Candidate', candidate.id))}`
        : null,
  }),
);

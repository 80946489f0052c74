import { applyDecorators, Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiForbiddenResponse, ApiHeader, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import type { Actor } from '../../workflows/contracts/actor';
import { NATIONAL_SCOPE } from '../auth/access';
import { Authenticated } from '../auth/authenticated.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { DomainError } from '../common/errors/domain-error';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { SecurityLog } from '../security-log/security-log.service';
import { EnvKeyring } from '../temporal/codec/env-keyring';
import { CodecRequestDto, CodecResponse } from './codec.dto';
import { AesGcmPayloadCodec, PayloadDecryptionError } from '../temporal/codec/payload-codec';
import { PersonalData } from '../personal-data/personal-data.service';
import { AccessLog } from '../access-log/access-log.service';
import { isSealed } from '../../workflows/contracts/sealed';

type Operation = 'encode' | 'decode';

/** What both operations declare: national admins (checked in `run`), the namespace header, the answers. (`@HttpCode` stays on each method, where the OpenAPI build plugin sees it.) */
const CodecRoute = () =>
  applyDecorators(
    Authenticated({ permission: 'temporal.codec' }),
    ApiHeader({ name: 'X-Namespace', required: false, description: "The Temporal namespace of the payloads (the UI sends it); another than Sinergi's is refused" }),
    ApiOkResponse({ type: CodecResponse }),
    ApiBadRequestResponse({ description: "VALIDATION_FAILED: not the protocol's JSON, too many payloads, another namespace" }),
    ApiForbiddenResponse({ description: "PERMISSION_DENIED: not an admin, or an admin of a region (the codec opens every region's payloads)" }),
    ApiUnprocessableEntityResponse({ description: 'PAYLOAD_UNDECODABLE: a payload under a key the keyring does not hold, or that fails authentication' }),
  );

const fromJson = (p: { metadata?: Record<string, string>; data?: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

const holdsSealed = (node: unknown): boolean =>
  isSealed(node) || (node !== null && typeof node === 'object' && Object.values(node).some(holdsSealed));

/**
 * The codec server of Temporal's Web UI and CLI (docs/security.md "Temporal payload encryption"): the
 * operator's UI or `temporal … --codec-endpoint <api>/codec --codec-auth "Bearer <token>"` sends the
 * payloads it shows, and gets them back decoded, with the personal values sealed inside opened too. National admins only (the deployment's operators: the
 * namespace holds every region's cases); every call is a security-log event with the payload count.
 */
@ApiTags('codec')
@Controller('codec')
export class CodecController {
  private readonly codec: AesGcmPayloadCodec;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly security: SecurityLog,
    private readonly personal: PersonalData,
    private readonly access: AccessLog,
  ) {
    this.codec = new AesGcmPayloadCodec(new EnvKeyring(config.temporal.payloadKeys, config.temporal.payloadKeyActive));
  }

  /** Opens payloads sealed under any key of the keyring; plain ones (older histories) come back as they are. */
  @Post('decode')
  @HttpCode(200)
  @CodecRoute()
  decode(@CurrentActor() actor: Actor, @Body() dto: CodecRequestDto, @Headers('x-namespace') namespace: string | undefined): Promise<CodecResponse> {
    return this.run(actor, 'decode', dto, namespace);
  }

  /** Seals payloads under the active key (what the UI does before it sends a payload it was given, e.g. a signal). */
  @Post('encode')
  @HttpCode(200)
  @CodecRoute()
  encode(@CurrentActor() actor: Actor, @Body() dto: CodecRequestDto, @Headers('x-namespace') namespace: string | undefined): Promise<CodecResponse> {
    return this.run(actor, 'encode', dto, namespace);
  }

  private async run(actor: Actor, operation: Operation, dto: CodecRequestDto, namespace: string | undefined): Promise<CodecResponse> {
    if (actor.regionCode !== NATIONAL_SCOPE) throw new DomainError('PERMISSION_DENIED', 'Only a national admin may use the codec: it opens every region\'s payloads');
    if (namespace !== undefined && namespace !== this.config.temporal.namespace) {
      throw new DomainError('VALIDATION_FAILED', 'The request is invalid', [{ field: 'X-Namespace', messages: ['X-Namespace must be Sinergi\'s namespace'] }]);
    }
    const payloads = (dto.payloads ?? []).map(fromJson);
    let out: Payload[];
    try {
      out = operation === 'decode' ? await this.codec.decode(payloads) : await this.codec.encode(payloads);
    } catch (error) {
      if (error instanceof PayloadDecryptionError) throw new DomainError('PAYLOAD_UNDECODABLE', error.message);
      throw error;
    }
    const opened = operation === 'decode' ? await this.openPersonal(actor, out) : { payloads: out, count: 0 };
    await this.security.record(actor, {
      action: operation === 'decode' ? 'PAYLOADS_DECODED' : 'PAYLOADS_ENCODED',
      outcome: 'DONE',
      target: null,
      detail: { payloads: payloads.length, namespace: this.config.temporal.namespace, ...(operation === 'decode' ? { personalPayloadsOpened: opened.count } : {}) },
    });
    return { payloads: opened.payloads.map(toJson) };
  }

  /**
   * The personal values sealed inside decoded JSON payloads (under each person's data key), opened for
   * the operator: names and notes read as given, or `[dihapus]` once the person's key is destroyed.
   */
  private async openPersonal(actor: Actor, payloads: Payload[]): Promise<{ payloads: Payload[]; count: number }> {
    let count = 0;
    const sealed: unknown[] = [];
    const out = await Promise.all(
      payloads.map(async (p) => {
        if (Buffer.from(p.metadata?.encoding ?? []).toString() !== 'json/plain' || p.data === undefined || p.data === null) return p;
        const text = Buffer.from(p.data).toString('utf8');
        if (!text.includes('"$sealed"')) return p;
        const value: unknown = JSON.parse(text);
        if (!holdsSealed(value)) return p;
        count += 1;
        sealed.push(value);
        return { ...p, data: Buffer.from(JSON.stringify(await this.personal.open(value))) };
      }),
    );
    // Whose data the operator now reads: in the access log (and so in each person's data report) like any other read.
    await this.access.record(actor, 'POST /codec/decode', await this.personal.casesSealedIn(sealed));
    return { payloads: out, count };
  }
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBase64, IsObject, IsOptional, ValidateBy, ValidateNested } from 'class-validator';
import { OptionalNotNull } from '../common/optional-not-null';

/** Most payloads one codec call takes (the Web UI sends a page of events' payloads at a time). */
export const MAX_CODEC_PAYLOADS = 1000;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A payload in the codec-server protocol's JSON form: metadata values and data in base64. */
export class CodecPayloadDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', format: 'byte' }, example: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==' } })
  @IsOptional()
  @IsObject({ message: 'metadata must be an object of base64 strings' })
  @ValidateBy({
    name: 'base64Values',
    validator: {
      validate: (v: unknown) => typeof v === 'object' && v !== null && Object.values(v).every((s) => typeof s === 'string' && BASE64.test(s)) && Object.keys(v).length <= 32,
      defaultMessage: () => 'metadata must map at most 32 keys to base64 strings',
    },
  })
  metadata?: Record<string, string>;

  @ApiPropertyOptional({ type: 'string', format: 'byte' })
  @IsOptional()
  @IsBase64(undefined, { message: 'data must be base64' })
  data?: string;
}

export class CodecRequestDto {
  /** Absent means none (the CLI sends `{}` for an event without payloads, as protobuf JSON omits empty lists). */
  @ApiPropertyOptional({ type: [CodecPayloadDto], maxItems: MAX_CODEC_PAYLOADS })
  @OptionalNotNull()
  @IsArray({ message: 'payloads must be an array' })
  @ArrayMaxSize(MAX_CODEC_PAYLOADS, { message: `payloads holds at most ${MAX_CODEC_PAYLOADS} items` })
  @ValidateNested({ each: true })
  @Type(() => CodecPayloadDto)
  payloads?: CodecPayloadDto[];
}

export class CodecResponse {
  @ApiProperty({ type: [CodecPayloadDto] })
  payloads!: CodecPayloadDto[];
}

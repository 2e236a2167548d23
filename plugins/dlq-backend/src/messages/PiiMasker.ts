export const MASK = '••••••';

/**
 * Masks configured personal data before a message leaves the backend. A field is a key
 * name matched anywhere in the body (`email`) or a dotted path from the root
 * (`customer.email`, array indexes skipped); header names match case-insensitively.
 */
export class PiiMasker {
  private readonly names: Set<string>;
  private readonly paths: Set<string>;

  constructor(fields: string[]) {
    const lower = fields.map(f => f.trim().toLowerCase()).filter(Boolean);
    this.names = new Set(lower.filter(f => !f.includes('.')));
    this.paths = new Set(lower.filter(f => f.includes('.')));
  }

  /** The body masked, pretty-printed when it is JSON, and the paths that were masked. */
  maskBody(body: string): {
    text: string;
    isJson: boolean;
    masked: string[];
    values: string[];
  } {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { text: body, isJson: false, masked: [], values: [] };
    }
    const masked: string[] = [];
    const values = new Set<string>();
    const walk = (value: unknown, path: string[]): unknown => {
      if (Array.isArray(value))
        return value.map((v, i) => walk(v, [...path, String(i)]));
      if (value === null || typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        const at = [...path, key];
        const dotted = at
          .filter(p => !/^\d+$/.test(p))
          .join('.')
          .toLowerCase();
        if (this.names.has(key.toLowerCase()) || this.paths.has(dotted)) {
          out[key] = MASK;
          masked.push(at.join('.'));
          if (typeof v === 'string' || typeof v === 'number')
            values.add(String(v));
        } else {
          out[key] = walk(v, at);
        }
      }
      return out;
    };
    const result = walk(parsed, []);
    return {
      text: JSON.stringify(result, null, 2),
      isJson: true,
      masked,
      values: [...values],
    };
  }

  /**
   * Masks values found in the body wherever else they appear (error messages quote them:
   * "customer C-1 is not maintained"). Values shorter than 3 characters are left alone.
   */
  scrub(text: string, values: string[]): string {
    return values
      .filter(v => v.length >= 3)
      .reduce((out, v) => out.split(v).join(MASK), text);
  }

  maskHeaders(headers: Record<string, unknown>): {
    headers: Record<string, unknown>;
    masked: string[];
  } {
    const masked: string[] = [];
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (this.names.has(name.toLowerCase())) {
        out[name] = MASK;
        masked.push(`header ${name}`);
      } else {
        out[name] = value;
      }
    }
    return { headers: out, masked };
  }
}

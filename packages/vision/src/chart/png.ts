/**
 * Converts a rendered ChartImage to 8-bit formats for display and debugging: RGBA bytes
 * for a browser canvas ImageData, and PNG files. The model itself reads the float image.
 *
 * Browser-safe: fast-png (with its fflate and iobuffer dependencies) is plain JavaScript
 * without Node built-ins.
 */
import { InvalidInputError } from "@finfuse/tensor";
import { encode } from "fast-png";

import type { ChartImage } from "./types.js";

/**
 * Largest upscaling factor that chartToPng accepts. It bounds the allocation from a
 * mistyped scale: a default 32-row chart becomes at most 2048 rows.
 */
export const MAX_PNG_SCALE = 64;

/**
 * Converts `image` to row-major RGBA bytes (HWC, 4 bytes a pixel, alpha 255), the layout
 * of a browser canvas ImageData. Each channel value v in [0, 1] becomes Math.round(v * 255).
 *
 * @throws InvalidInputError when the image's size, channel count or data length is invalid.
 *
 * @example
 * const rgba = chartToRgba(renderChart(bars));
 * context.putImageData(new ImageData(rgba, image.width, image.height), 0, 0);
 */
export function chartToRgba(image: ChartImage): Uint8ClampedArray {
  validateImage("chartToRgba", image);
  return toInterleavedBytes(image, 1, 4);
}

/**
 * Encodes `image` as an 8-bit RGB PNG, enlarged `scale` times in each direction by
 * nearest-neighbour upscaling, so every source pixel becomes a scale x scale block.
 *
 * @param scale - Integer upscaling factor in [1, MAX_PNG_SCALE], 1 by default.
 * @throws InvalidInputError when `scale` is not an integer in that range, or when the image's
 * size, channel count or data length is invalid.
 *
 * @example
 * const png = chartToPng(renderChart(bars), 8); // 8 times wider and taller
 */
export function chartToPng(image: ChartImage, scale = 1): Uint8Array {
  validateImage("chartToPng", image);
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_PNG_SCALE) {
    throw new InvalidInputError(
      `chartToPng: scale is ${String(scale)}, expected an integer in [1, ${MAX_PNG_SCALE}]`,
    );
  }
  const pixels = toInterleavedBytes(image, scale, 3);
  return encode({
    width: image.width * scale,
    height: image.height * scale,
    data: pixels,
    channels: 3,
    depth: 8,
  });
}

function validateImage(functionName: string, image: ChartImage): void {
  const { width, height, data } = image;
  const sizeIsValid =
    Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0;
  if (!sizeIsValid || image.channels !== 3 || !(data instanceof Float32Array)) {
    throw new InvalidInputError(
      `${functionName}: image is ${String(width)} x ${String(height)} with ${String(image.channels)} channels, ` +
        "expected a ChartImage from renderChart with positive integer width and height, 3 channels and Float32Array data",
    );
  }
  if (data.length !== 3 * width * height) {
    throw new InvalidInputError(
      `${functionName}: image.data has ${data.length} values, expected 3 * ${height} * ${width} = ${3 * width * height}`,
    );
  }
}

/**
 * Converts the CHW float image to HWC bytes with `channelsOut` channels (3 for RGB, 4 for
 * RGBA with alpha 255), repeating each pixel `scale` times in each direction.
 */
function toInterleavedBytes(
  image: ChartImage,
  scale: number,
  channelsOut: 3 | 4,
): Uint8ClampedArray {
  const { width, height, data } = image;
  const planeSize = width * height;
  const outWidth = width * scale;
  const out = new Uint8ClampedArray(outWidth * height * scale * channelsOut);

  for (let outRow = 0; outRow < height * scale; outRow++) {
    const sourceRowStart = Math.floor(outRow / scale) * width;
    for (let outColumn = 0; outColumn < outWidth; outColumn++) {
      const sourceIndex = sourceRowStart + Math.floor(outColumn / scale);
      const outIndex = (outRow * outWidth + outColumn) * channelsOut;
      for (let channel = 0; channel < 3; channel++) {
        // Uint8ClampedArray clamps to [0, 255] but rounds half to even, so round here
        // to get Math.round's half-up rule.
        out[outIndex + channel] = Math.round(data[channel * planeSize + sourceIndex] * 255);
      }
      if (channelsOut === 4) {
        out[outIndex + 3] = 255;
      }
    }
  }
  return out;
}

import { readFile } from 'node:fs/promises'
import { parseModelFile } from '../model/model-file.js'
import type { Model } from '../model/model.js'

/** A model as given, or read and validated from the model file a path names. */
export async function loadModel(model: Model | string): Promise<Model> {
  return typeof model === 'string' ? parseModelFile(await readFile(model, 'utf8'), model) : model
}

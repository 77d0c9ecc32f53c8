// @aws-sdk/client-scheduler in the visitor function's build: see on-first-send.js.
import { client, command, error } from './on-first-send.js';

export const SchedulerClient = client('scheduler', 'SchedulerClient');
export const CreateScheduleCommand = command('CreateScheduleCommand');
export const UpdateScheduleCommand = command('UpdateScheduleCommand');
export const DeleteScheduleCommand = command('DeleteScheduleCommand');
export const ConflictException = error('ConflictException');
export const ResourceNotFoundException = error('ResourceNotFoundException');

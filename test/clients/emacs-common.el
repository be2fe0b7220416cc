;;; emacs-common.el --- What both headless Emacs client sessions share  -*- lexical-binding: t -*-
;; Loaded first by emacs-eglot.el and emacs-lsp-mode.el: package setup for Debian's elpa-* packages, the result
;; record (printed as one JSON line), waiting without sleeps, and batch-mode stand-ins for the command loop.
(require 'package)
;; -Q skips Debian's site-start, so point package.el at the elpa-* packages explicitly.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(setq package-user-dir (make-temp-file "sts-lens-elpa" t))
(package-initialize)
(require 'json)
(require 'cl-lib)

(defvar sts-out nil)
(defvar sts-failures nil)
(defvar sts-published 0 "How many textDocument/publishDiagnostics notifications arrived.")
(defvar sts-cleanup-dirs (list package-user-dir) "Temporary folders removed when the session ends.")
(defun sts-put (k v) (push (cons k v) sts-out))
(defun sts-fail (what) (push what sts-failures))

(defun sts-wait (pred &optional secs)
  "Let process output arrive until PRED is non-nil or SECS (default 8) elapse; return PRED's value."
  (let ((deadline (+ (float-time) (or secs 8))))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.02))
    (funcall pred)))

(defun sts-pause ()
  "What Emacs does after a command when the user stops typing; batch mode has no command loop, so run
`post-command-hook' and the idle timers (the client's didChange, its diagnostics and lens refresh) by hand."
  (run-hooks 'post-command-hook)
  (dolist (timer (copy-sequence timer-idle-list))
    (timer-event-handler timer)))

(defun sts-goto (needle)
  "Move point to the start of the first NEEDLE in the buffer."
  (goto-char (point-min))
  (unless (search-forward needle nil t) (error "%S is not in the buffer" needle))
  (goto-char (match-beginning 0)))

(defun sts-main (run)
  "Call RUN with the file named on the command line, print the result record as JSON and exit (0 = all passed)."
  (let ((code 0))
    (condition-case err
        (funcall run (car command-line-args-left))
      (error (sts-fail (format "lisp error: %S" err))))
    (setq command-line-args-left nil)
    (sts-put 'failures (vconcat (reverse sts-failures)))
    (sts-put 'ok (if sts-failures :json-false t))
    (when sts-failures (setq code 1))
    (princ (concat (json-encode (reverse sts-out)) "\n"))
    (dolist (d sts-cleanup-dirs) (delete-directory d t))
    (kill-emacs code)))

;;; emacs-eglot.el --- Headless Eglot session against dist/server.js  -*- lexical-binding: t -*-
;; Driven by test/clients/emacs.test.ts: loads the Eglot and settings snippets of docs/emacs.md (file in
;; $STATEFULSET_LENS_EMACS_CONFIG) and checks what a user sees through Flymake, completion and eldoc.
;; run: emacs --batch -Q -l emacs-eglot.el FILE.yaml ; prints one JSON object, exits 0 when every check passed.
(load (expand-file-name "emacs-common.el" (file-name-directory load-file-name)) nil t)

(defun sts-diagnostics ()
  (mapcar (lambda (d) (list (cons 'line (1- (line-number-at-pos (flymake-diagnostic-beg d))))
                            (cons 'column (save-excursion (goto-char (flymake-diagnostic-beg d)) (current-column)))
                            (cons 'type (symbol-name (flymake-diagnostic-type d)))
                            (cons 'text (flymake-diagnostic-text d))))
          (flymake-diagnostics)))

(defun sts-run (file)
  ;; The documented configuration, exactly as docs/emacs.md shows it.
  (load (getenv "STATEFULSET_LENS_EMACS_CONFIG") nil t)
  (require 'eglot)
  (advice-add 'eglot-handle-notification :before
              (lambda (_server method &rest _)
                (when (eq method 'textDocument/publishDiagnostics) (cl-incf sts-published))))
  (find-file file)
  (sts-put 'emacs emacs-version)
  (sts-put 'eglot (package-version-join (package-desc-version (cadr (assq 'eglot package-alist)))))
  (sts-put 'major_mode (symbol-name major-mode))
  ;; `eglot-ensure' (from yaml-mode-hook) connects after the next command.
  (sts-pause)
  (unless (sts-wait (lambda () eglot--managed-mode)) (error "Eglot did not manage the buffer"))
  (let ((server (eglot-current-server)))
    ;; 1. The clean example: the server publishes, Flymake shows nothing.
    (sts-pause)
    (sts-wait (lambda () (and (> sts-published 0) (memq 'eglot-flymake-backend (flymake-reporting-backends)))))
    (sts-put 'published sts-published)
    (sts-put 'clean_diagnostics (vconcat (sts-diagnostics)))
    (unless (> sts-published 0) (sts-fail "no diagnostics published for the clean example"))
    (when (flymake-diagnostics) (sts-fail "the clean example has diagnostics"))

    ;; 2. Completion at the value of serviceName, through Eglot's completion-at-point function.
    (sts-goto "serviceName: random-generator")
    (forward-char (length "serviceName: "))
    (let* ((capf (eglot-completion-at-point))
           (cands (and capf (all-completions "" (nth 2 capf)))))
      (sts-put 'completion (vconcat (mapcar #'substring-no-properties cands)))
      (unless (member "random-generator" cands) (sts-fail "completion")))

    ;; 3. Hover on serviceName, through Eglot's eldoc function (what the echo area shows).
    (sts-goto "serviceName:")
    (forward-char 2)
    (let (hover)
      (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info ""))))
      (sts-wait (lambda () hover))
      (setq hover (and hover (substring-no-properties hover)))
      (sts-put 'hover hover)
      (unless (and hover (string-match-p (regexp-quote "rg-0.random-generator.default.svc.") hover))
        (sts-fail "hover")))

    ;; 4. Code lens: Eglot has none; the capability is still advertised for clients that do.
    (sts-put 'code_lens_provider (if (eglot--server-capable :codeLensProvider) t :json-false))

    ;; 5. Edit: the Service gets a cluster IP, and Flymake shows service-not-headless.
    (sts-goto "clusterIP: None")
    (forward-char (length "clusterIP: "))
    (delete-region (point) (+ (point) (length "None")))
    (insert "10.0.0.10")
    (let ((rule (lambda () (cl-some (lambda (d) (string-match-p "\\[service-not-headless\\]" (flymake-diagnostic-text d)))
                                    (flymake-diagnostics)))))
      (sts-pause)
      (sts-wait rule)
      (sts-put 'edited_diagnostics (vconcat (sts-diagnostics)))
      (unless (funcall rule) (sts-fail "service-not-headless after the edit")))
    (eglot-shutdown server)))

(sts-main #'sts-run)
